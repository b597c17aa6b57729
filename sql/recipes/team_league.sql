-- The team league: each team's mean documentation score on the latest rolled-up day against the
-- same day a week earlier (run the health-rollup job first).
SELECT t.group_name                  AS team,
       t.datasets,
       t.mean_score                  AS this_week,
       l.mean_score                  AS last_week,
       t.mean_score - l.mean_score   AS change
FROM   team_health t
       LEFT JOIN team_health l
              ON l.group_kind = t.group_kind
             AND l.group_name = t.group_name
             AND l.`day` = t.`day` - INTERVAL '7' DAY
WHERE  t.group_kind = 'team'
  AND  t.`day` = (SELECT MAX(`day`) FROM team_health WHERE group_kind = 'team')
ORDER  BY this_week DESC, team;
