package io.dataspoke.aspect;

/** An aspect DataSpoke does not interpret, kept as the JSON it came in. */
public record RawAspect(String name, String json) implements Aspect {

    @Override
    public String aspectName() {
        return name;
    }
}
