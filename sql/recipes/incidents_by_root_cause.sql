-- Incidents grouped by root cause, with their blast radius: how many datasets each touched and
-- how far downstream it reached.
SELECT i.cause,
       i.title,
       i.severity,
       i.state,
       COUNT(d.dataset_urn) AS blast_radius,
       MAX(d.hops)          AS deepest_hop
FROM   incidents i
       JOIN incident_datasets d ON d.incident_id = i.incident_id
GROUP  BY i.incident_id, i.cause, i.title, i.severity, i.state
ORDER  BY blast_radius DESC, i.title;
