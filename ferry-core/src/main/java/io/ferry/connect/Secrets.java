package io.ferry.connect;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password Ferry learns is registered here, so that anything printed can be scrubbed of it as
 * a last line of defence. Ferry never prints a password on purpose; this catches the accidental
 * cases (a server message quoting a connection string, a user's own SQL echoed back, ...).
 */
public final class Secrets {
    /**
     * Shorter secrets are not scrubbed: masking every "pass" would garble "password authentication
     * failed" and worse. Ferry never prints a password on purpose, so this only narrows the safety net.
     */
    private static final int MIN_LENGTH = 6;
    private static final String MASK = "******";
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            KNOWN.add(secret);
        }
    }

    /** The text with every registered secret (and its percent-encoded form) masked. */
    public static String redact(String text) {
        if (text == null || KNOWN.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : KNOWN) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
            String encoded = PercentCoding.encode(secret);
            if (!encoded.equals(secret) && result.contains(encoded)) {
                result = result.replace(encoded, MASK);
            }
        }
        return result;
    }
}
