-- Freshness misses over the last 7 days of results (counted back from the newest result, so a
-- replayed history reads the same), per dataset, most first.
SELECT dataset_urn,
       COUNT(*)          AS misses,
       MAX(evaluated_at) AS last_miss
FROM   check_results
WHERE  check_type = 'freshness'
  AND  outcome IN ('WARN', 'FAIL')
  AND  evaluated_at >= (SELECT MAX(evaluated_at) FROM check_results) - INTERVAL '7' DAY
GROUP  BY dataset_urn
ORDER  BY misses DESC, dataset_urn;
