package io.dataspoke.aspect;

import java.util.List;

/** The datasets a dataset is derived from ({@code upstreamLineage}). */
public record UpstreamLineage(List<Upstream> upstreams) implements Aspect {

    public static final String NAME = "upstreamLineage";

    @Override
    public String aspectName() {
        return NAME;
    }

    /**
     * One upstream dataset.
     *
     * @param type COPY, TRANSFORMED, VIEW, …
     */
    public record Upstream(String dataset, String type) {}
}
