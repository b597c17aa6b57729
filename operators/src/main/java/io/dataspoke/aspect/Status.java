package io.dataspoke.aspect;

/** Whether an entity is soft-deleted ({@code status}). */
public record Status(boolean removed) implements Aspect {

    public static final String NAME = "status";

    @Override
    public String aspectName() {
        return NAME;
    }
}
