package io.dataspoke.quality;

/** Where an incident is in its lifecycle. */
public enum IncidentState {
    OPEN,
    RESOLVED
}
