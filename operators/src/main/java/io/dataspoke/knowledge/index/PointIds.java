package io.dataspoke.knowledge.index;

import java.nio.charset.StandardCharsets;

/** Point ids derived from entity URNs, so a replay or a second writer hits the same point. */
public final class PointIds {

    private PointIds() {}

    /** A name-based UUID of the URN, as text: the same URN always gives the same id. */
    public static String of(String urn) {
        return java.util.UUID.nameUUIDFromBytes(urn.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
