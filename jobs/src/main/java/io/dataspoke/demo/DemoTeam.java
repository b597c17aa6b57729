package io.dataspoke.demo;

import java.util.List;

/** A team of the demo organisation, with the URNs DataHub knows it by. */
final class DemoTeam {

    final Vocabulary.TeamSpec spec;
    final String name;
    final String domainUrn;
    final String groupUrn;
    final List<String> ownerUrns;
    final String serviceUser;

    DemoTeam(Vocabulary.TeamSpec spec) {
        this.spec = spec;
        this.name = spec.name();
        this.domainUrn = "urn:li:domain:" + spec.name();
        this.groupUrn = "urn:li:corpGroup:" + spec.name().replace('_', '-') + "-data";
        this.ownerUrns = spec.people().stream().map(p -> "urn:li:corpuser:" + p).toList();
        this.serviceUser = "svc-" + spec.name().replace('_', '-') + "-etl";
    }

    /** The DataHub actor of the team's pipelines. */
    String serviceActor() {
        return "urn:li:corpuser:" + serviceUser;
    }

    GroundTruth.Team truth() {
        return new GroundTruth.Team(
                name, spec.displayName(), domainUrn, groupUrn, ownerUrns, name, spec.timezone());
    }
}
