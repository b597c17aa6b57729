package io.dataspoke.quality.alert;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which Slack routes an incident alert goes to. Every route whose matchers all hold takes the alert
 * (all-match, in config order), so a team's on-call channel and a catch-all channel both see a
 * team's incident. An alert no route takes goes to the default route, when one is named: it catches
 * what the specific routes miss without repeating what they take.
 *
 * <p>Alerts are routed by their {@linkplain IncidentAlert#peakSeverity() peak severity}, not the
 * current one: a channel that got an incident's first message keeps getting its updates and its
 * resolve notice after the severity went down. Team and domain do not change during an incident.
 */
public final class AlertRouting implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<AlertRoute> routes;
    private final String defaultRoute;

    /**
     * @param routes in the order messages are routed, names unique
     * @param defaultRoute the name of the route that takes alerts no route matches; null for none
     *     (such alerts then reach no channel)
     */
    public AlertRouting(List<AlertRoute> routes, String defaultRoute) {
        this.routes = List.copyOf(routes);
        Set<String> names = new HashSet<>();
        for (AlertRoute route : this.routes) {
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("two routes are named " + route.name());
            }
        }
        if (defaultRoute != null && !names.contains(defaultRoute)) {
            throw new IllegalArgumentException(
                    "the default route " + defaultRoute + " is not a route");
        }
        this.defaultRoute = defaultRoute;
    }

    /** The routes, in config order. */
    public List<AlertRoute> routes() {
        return routes;
    }

    /** The route taking alerts no route matches, null for none. */
    public String defaultRoute() {
        return defaultRoute;
    }

    /** The route called {@code name}. */
    public AlertRoute route(String name) {
        for (AlertRoute route : routes) {
            if (route.name().equals(name)) {
                return route;
            }
        }
        throw new IllegalArgumentException("no route is named " + name);
    }

    /** The names of the routes an alert goes to, by its peak severity. */
    public List<String> routesFor(IncidentAlert alert) {
        Objects.requireNonNull(alert, "alert");
        Incident incident = alert.incident();
        return routesFor(incident.team(), incident.domain(), alert.peakSeverity());
    }

    /** The names of the routes an incident at its current severity goes to. */
    public List<String> routesFor(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        return routesFor(incident.team(), incident.domain(), incident.severity());
    }

    private List<String> routesFor(String team, String domain, Severity severity) {
        List<String> names = new ArrayList<>();
        for (AlertRoute route : routes) {
            if (route.matches(team, domain, severity)) {
                names.add(route.name());
            }
        }
        if (names.isEmpty() && defaultRoute != null) {
            names.add(defaultRoute);
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "AlertRouting" + routes + (defaultRoute == null ? "" : ", default " + defaultRoute);
    }
}
