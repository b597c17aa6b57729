package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.linkedin.common.Status;
import com.linkedin.events.metadata.ChangeType;
import com.linkedin.mxe.MetadataChangeProposal;
import datahub.event.MetadataChangeProposalWrapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataHubProposalsTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";

    @Test
    void anUpsertBecomesTheProposalTheClientWouldBuild() throws Exception {
        MetadataChangeProposalWrapper<Status> wrapper =
                MetadataChangeProposalWrapper.builder()
                        .entityType("dataset")
                        .entityUrn(URN)
                        .upsert()
                        .aspect(new Status().setRemoved(true))
                        .build();

        DataHubWrite write = DataHubProposals.fromWrapper(wrapper);
        assertThat(write)
                .isEqualTo(DataHubWrite.upsert("dataset", URN, "status", "{\"removed\":true}"));

        MetadataChangeProposal proposal = DataHubProposals.toProposal(write);
        assertThat(proposal.getEntityType()).isEqualTo("dataset");
        assertThat(proposal.getEntityUrn().toString()).isEqualTo(URN);
        assertThat(proposal.getChangeType()).isEqualTo(ChangeType.UPSERT);
        assertThat(proposal.getAspectName()).isEqualTo("status");
        assertThat(proposal.getAspect().getContentType()).isEqualTo("application/json");
        Status decoded =
                RecordUtils.toRecordTemplate(
                        Status.class,
                        proposal.getAspect().getValue().asString(StandardCharsets.UTF_8));
        assertThat(decoded.isRemoved()).isTrue();
    }

    @Test
    void aPatchKeepsItsChangeTypeBothWays() {
        DataHubWrite patch =
                new DataHubWrite(
                        "dataset",
                        URN,
                        "structuredProperties",
                        "[{\"op\":\"remove\",\"path\":\"/properties/x\"}]",
                        DataHubChangeType.PATCH);
        MetadataChangeProposal proposal = DataHubProposals.toProposal(patch);
        assertThat(proposal.getChangeType()).isEqualTo(ChangeType.PATCH);
        assertThat(DataHubProposals.fromProposal(proposal)).isEqualTo(patch);
    }

    @Test
    void refusesWhatItCannotWrite() {
        MetadataChangeProposal delete =
                DataHubProposals.toProposal(DataHubWrite.upsert("dataset", URN, "status", "{}"))
                        .setChangeType(ChangeType.DELETE);
        assertThatThrownBy(() -> DataHubProposals.fromProposal(delete))
                .hasMessageContaining("only UPSERT and PATCH");
        assertThatThrownBy(() -> DataHubProposals.urn("urn:li:dataset:(unclosed"))
                .hasMessageContaining("not a DataHub URN: 'urn:li:dataset:(unclosed'");
    }
}
