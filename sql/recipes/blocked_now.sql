-- Datasets blocked right now, longest first, with their documentation health.
SELECT s.dataset_urn,
       s.since,
       h.name,
       h.score AS health
FROM   dataset_status s
       LEFT JOIN dataset_health h ON h.urn = s.dataset_urn
WHERE  s.status = 'BLOCK'
ORDER  BY s.since;
