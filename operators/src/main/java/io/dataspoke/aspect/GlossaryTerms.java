package io.dataspoke.aspect;

import java.util.List;

/**
 * Glossary terms on an entity ({@code glossaryTerms}), as term URNs.
 *
 * @param auditStamp null when absent
 */
public record GlossaryTerms(List<String> terms, AuditStamp auditStamp) implements Aspect {

    public static final String NAME = "glossaryTerms";

    @Override
    public String aspectName() {
        return NAME;
    }
}
