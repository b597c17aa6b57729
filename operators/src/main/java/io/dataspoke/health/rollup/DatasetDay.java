package io.dataspoke.health.rollup;

import io.dataspoke.health.ColumnDocsRule;
import io.dataspoke.health.DescriptionRule;
import io.dataspoke.health.OwnershipRule;
import io.dataspoke.health.PiiRule;
import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A live dataset as of the end of a UTC day: its score, whether it meets the rules the rollup
 * reports shares of, and the owners and domain that place it in groups.
 *
 * @param described the {@code description} rule is not broken
 * @param owned the {@code ownership} rule is not broken
 * @param columnsDocumented the {@code column-docs} rule is not broken (coverage at its threshold)
 * @param piiClassified the {@code pii} rule is not broken
 * @param domain domain URN, null when none
 */
public record DatasetDay(
        String urn,
        @TypeInfo(LocalDateTypeInfo.class) LocalDate day,
        int score,
        boolean described,
        boolean owned,
        boolean columnsDocumented,
        boolean piiClassified,
        String[] owners,
        String domain) {

    /** The state {@code row} (a live row) gives its dataset on {@code day}. */
    static DatasetDay of(HealthHistoryRow row, LocalDate day) {
        return new DatasetDay(
                row.urn(),
                day,
                row.score(),
                !row.breaks(DescriptionRule.ID),
                !row.breaks(OwnershipRule.ID),
                !row.breaks(ColumnDocsRule.ID),
                !row.breaks(PiiRule.ID),
                row.owners(),
                row.domain());
    }
}
