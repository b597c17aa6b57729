package io.dataspoke.health.rollup;

import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One row of {@code health_rollup}: a team's or domain's documentation health on a UTC day.
 *
 * @param group team name, domain URN, {@link RollupGroups#NO_TEAM} or {@link
 *     RollupGroups#NO_DOMAIN}
 * @param datasets live datasets of the group as of the end of the day
 * @param meanScore their mean score, 0–100
 * @param described share (0–1) not breaking the {@code description} rule
 * @param owned share not breaking {@code ownership}
 * @param columnsDocumented share not breaking {@code column-docs}
 * @param piiClassified share not breaking {@code pii}
 * @param wowChange mean score minus the group's 7 days earlier; null when it had no datasets then
 * @param trendPerDay least-squares slope of the mean score per day over the 7 days ending on this
 *     one; null unless the group has datasets on each of them
 */
public record HealthRollupRow(
        GroupKind kind,
        String group,
        @TypeInfo(LocalDateTypeInfo.class) LocalDate day,
        int datasets,
        double meanScore,
        double described,
        double owned,
        double columnsDocumented,
        double piiClassified,
        Double wowChange,
        Double trendPerDay) {}
