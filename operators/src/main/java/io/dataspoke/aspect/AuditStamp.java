package io.dataspoke.aspect;

/**
 * Who changed something and when (pegasus {@code com.linkedin.common.AuditStamp}).
 *
 * @param time epoch millis; 0 is what DataHub writes when it does not know
 * @param actor a corpuser or service URN
 */
public record AuditStamp(long time, String actor) {}
