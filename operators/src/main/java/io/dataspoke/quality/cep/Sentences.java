package io.dataspoke.quality.cep;

import io.dataspoke.decode.DatasetUrns;
import io.dataspoke.quality.Impact;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;

/** The pieces of the detail sentences the pattern functions write for people. */
final class Sentences {

    private static final long MINUTE = 60_000L;

    private Sentences() {}

    /** A dataset's name (e.g. {@code shop.orders}), or the URN when it is not a dataset URN. */
    static String dataset(String urn) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        return parts == null ? urn : parts.name();
    }

    /** A gap between two events, rounded down to minutes: {@code 45 min}, {@code 2 h 5 min}. */
    static String duration(long millis) {
        long minutes = Math.max(0, millis) / MINUTE;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }

    /** {@code 1 hop} / {@code 3 hops}. */
    static String hops(int hops) {
        return hops == 1 ? "1 hop" : hops + " hops";
    }

    /** What went wrong downstream: a failed run of a job or a failing check, and where. */
    static String effect(Impact impact) {
        QualityEvent e = impact.event();
        String where = dataset(e.datasetUrn()) + " (" + hops(impact.hops()) + " downstream)";
        if (e.kind() == QualityEventKind.RUN) {
            return "job " + e.name() + " failed writing " + where;
        }
        String check = e.checkType() == null ? e.name() : e.checkType() + " check " + e.name();
        return check + " on " + where + " is " + e.outcome();
    }
}
