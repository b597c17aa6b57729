-- The three worst-documented datasets of each owning team (a corpGroup owner), worst first.
SELECT owner AS team,
       name,
       platform,
       score,
       rn AS place
FROM  (SELECT owner, name, platform, score,
              ROW_NUMBER() OVER (PARTITION BY owner ORDER BY score ASC, name ASC) AS rn
       FROM   owner_dataset_health
       WHERE  owner LIKE 'urn:li:corpGroup:%')
WHERE  rn <= 3
ORDER  BY team, place;
