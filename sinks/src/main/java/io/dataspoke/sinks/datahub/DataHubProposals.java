package io.dataspoke.sinks.datahub;

import com.linkedin.common.urn.Urn;
import com.linkedin.data.ByteString;
import com.linkedin.events.metadata.ChangeType;
import com.linkedin.mxe.GenericAspect;
import com.linkedin.mxe.MetadataChangeProposal;
import datahub.event.EventFormatter;
import datahub.event.MetadataChangeProposalWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Converts between {@link DataHubWrite} and DataHub's own MetadataChangeProposal, so the wire
 * format stays the client's: an aspect built with the client's record classes (through {@link
 * MetadataChangeProposalWrapper}) or patch builders becomes a write, and a write becomes the
 * proposal the client's RestEmitter posts to GMS.
 */
public final class DataHubProposals {

    /**
     * The GenericAspect content type the client uses for both UPSERT aspects and its patch
     * builders' JSON Patch arrays.
     */
    static final String CONTENT_TYPE = "application/json";

    private DataHubProposals() {}

    /** The proposal GMS receives for {@code write}. */
    public static MetadataChangeProposal toProposal(DataHubWrite write) {
        GenericAspect aspect =
                new GenericAspect()
                        .setContentType(CONTENT_TYPE)
                        .setValue(
                                ByteString.copyString(write.aspectJson(), StandardCharsets.UTF_8));
        return new MetadataChangeProposal()
                .setEntityType(write.entityType())
                .setEntityUrn(urn(write.entityUrn()))
                .setChangeType(ChangeType.valueOf(write.changeType().name()))
                .setAspectName(write.aspectName())
                .setAspect(aspect);
    }

    /**
     * The write for a proposal built by the client, e.g. by one of its patch builders ({@code
     * StructuredPropertiesPatchBuilder#build()}).
     */
    public static DataHubWrite fromProposal(MetadataChangeProposal proposal) {
        if (!proposal.hasAspect() || !proposal.hasAspectName() || !proposal.hasEntityUrn()) {
            throw new IllegalArgumentException(
                    "a proposal needs an entity URN, an aspect name and an aspect");
        }
        GenericAspect aspect = proposal.getAspect();
        if (!CONTENT_TYPE.equals(aspect.getContentType())) {
            throw new IllegalArgumentException(
                    "only JSON aspects can be written, got " + aspect.getContentType());
        }
        DataHubChangeType changeType =
                switch (proposal.getChangeType()) {
                    case UPSERT -> DataHubChangeType.UPSERT;
                    case PATCH -> DataHubChangeType.PATCH;
                    default ->
                            throw new IllegalArgumentException(
                                    "only UPSERT and PATCH are written, got "
                                            + proposal.getChangeType());
                };
        return new DataHubWrite(
                proposal.getEntityType(),
                proposal.getEntityUrn().toString(),
                proposal.getAspectName(),
                aspect.getValue().asString(StandardCharsets.UTF_8),
                changeType);
    }

    /**
     * The write for an aspect record wrapped by the client's {@link MetadataChangeProposalWrapper};
     * the client serializes the record, so its JSON is exactly what the client itself would send.
     */
    public static DataHubWrite fromWrapper(MetadataChangeProposalWrapper<?> wrapper) {
        try {
            return fromProposal(new EventFormatter().convert(wrapper));
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize " + wrapper.getAspectName(), e);
        }
    }

    /** Parses a DataHub URN, saying which one is malformed. */
    public static Urn urn(String urn) {
        try {
            return Urn.createFromString(urn);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a DataHub URN: '" + urn + "'", e);
        }
    }
}
