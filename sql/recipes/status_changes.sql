-- Every status the quality monitor published, read from the status topic: how often each
-- dataset changed status, and its last one.
SELECT urn,
       COUNT(*)                       AS changes,
       LAST_VALUE(status)             AS last_status
FROM   dataset_status_updates
GROUP  BY urn
ORDER  BY changes DESC, urn;
