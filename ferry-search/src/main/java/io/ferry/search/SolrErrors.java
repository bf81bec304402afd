package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/** Turns what SolrJ throws into one line that says what failed and where. */
final class SolrErrors {
    private SolrErrors() {
    }

    static FerryException failure(String what, SolrTarget target, Exception e) {
        String message = EmbeddedSolr.rootMessage(e);
        if (e instanceof SolrServerException || e instanceof IOException) {
            return new FerryException(ErrorCode.CONNECTION, "cannot reach Solr at " + target.display() + " ("
                    + what + "): " + message, e);
        }
        if (e instanceof SolrException se && se.code() == 404) {
            return new FerryException(ErrorCode.CONNECTION, "Solr at " + target.display() + " has no core or "
                    + "collection " + target.collection() + " (" + what + ")", e);
        }
        return new FerryException(ErrorCode.INTERNAL, "Solr at " + target.display() + " failed " + what + ": "
                + message, e);
    }

    /** A request Solr refused as bad (a 4xx): sending it again would fail again. */
    static boolean isRejection(Exception e) {
        return e instanceof SolrException se && se.code() >= 400 && se.code() < 500;
    }
}
