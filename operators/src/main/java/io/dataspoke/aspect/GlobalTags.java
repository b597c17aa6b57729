package io.dataspoke.aspect;

import java.util.List;

/** Tags on an entity ({@code globalTags}), as tag URNs. */
public record GlobalTags(List<String> tags) implements Aspect {

    public static final String NAME = "globalTags";

    @Override
    public String aspectName() {
        return NAME;
    }
}
