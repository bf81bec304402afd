package io.ferry.cli;

import java.util.Comparator;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds a mistyped option on a command line that picocli refused for another reason: with
 * {@code --form URL} for {@code --from URL}, picocli's complaint is the missing {@code --from}, which
 * hides the typo. The typo is the better first line.
 */
final class UnknownOptions {
    private UnknownOptions() {
    }

    /** "unknown option '--form' (did you mean --from?)" for the first option the command does not know. */
    static Optional<String> firstIn(CommandSpec command, String[] args) {
        boolean commandSeen = command.parent() == null;
        boolean valueNext = false;
        for (String arg : args) {
            if (!commandSeen) {
                commandSeen = arg.equals(command.name());
                continue;
            }
            if (valueNext) {
                valueNext = false;
                continue;
            }
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || isNumber(arg)) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            OptionSpec option = command.findOption(name);
            if (option == null) {
                return Optional.of("unknown option '" + name + "'" + closest(command, name)
                        .map(n -> " (did you mean " + n + "?)").orElse(""));
            }
            valueNext = !arg.contains("=") && option.arity().min() > 0;
        }
        return Optional.empty();
    }

    private static boolean isNumber(String arg) {
        return arg.matches("-\\d+(\\.\\d+)?");
    }

    /** The known option nearest to the typed one, if it is near enough to be a typo. */
    private static Optional<String> closest(CommandSpec command, String typed) {
        return command.options().stream().flatMap(o -> java.util.Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--") == typed.startsWith("--"))
                .min(Comparator.comparingInt(n -> distance(n, typed)))
                .filter(n -> distance(n, typed) <= Math.max(1, typed.length() / 3));
    }

    /** Edit distance with transpositions (a swapped pair of letters is one typo). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
