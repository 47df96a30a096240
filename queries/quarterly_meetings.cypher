// Summary: Quarterly coordination: each village's meetings in a quarter, its coordination meetings and its institutions' attendance.
// Ringkasan: Koordinasi triwulanan: rapat tiap desa dalam satu triwulan, rapat koordinasinya, dan kehadiran lembaganya.
//
// Returns one row per village of $area, by code: its code and name, the meetings held
// in it in the quarter, its coordination meetings in the quarter and in the quarter
// before, its institutions, how many of them attended at least one coordination meeting,
// and the attendance rate (attendances over institutions times meetings; none when it
// held no coordination meeting or has no institution). These are the per-village
// figures of the coordination report (jejaring coordination), with the same rules:
// - a meeting is held in its village, else in the village of its host (a village, or the
//   village of a kades or an institution);
// - the village government is the village itself, its kades and its pemerintah desa
//   institution; its institutions are the others;
// - a coordination meeting is a rapat koordinasi, musyawarah desa, musrenbangdes or
//   rapat BPD held in the village with its government present (as host or attendee);
// - the quarter covers its first day up to, not including, the first day of the next.
//
// Parameters:
//   $area (string): the Kemendagri code of the area, e.g. 18.02.02 (a kecamatan)
//       id: kode Kemendagri wilayahnya, misalnya 18.02.02 (kecamatan)
//   $quarter (string): the quarter, e.g. 2024Q2 (the year, then the quarter's number last)
//       id: triwulannya, misalnya 2024Q2 (tahun, lalu nomor triwulan di akhir)
//
// In Neo4j Browser, set the parameters first:
// :param area => '18.02.02'
// :param quarter => '2024Q2'

WITH $area AS area,
     date({year: toInteger(left($quarter, 4)), quarter: toInteger(right($quarter, 1))}) AS start,
     ['coordination_meeting', 'village_deliberation', 'village_planning_forum', 'bpd_meeting'] AS coordinating
WITH area, coordinating, start, start + duration({months: 3}) AS end, start - duration({months: 3}) AS before
MATCH (own:Actor)
WHERE (own:Village OR own:VillageHead OR own:Institution)
  AND (own.area_code = area OR own.area_code STARTS WITH area + '.')
WITH coordinating, start, end, before, coalesce(own.village, own.id) AS home, collect(own) AS side
MATCH (v:Village {id: home})
WITH coordinating, start, end, before, v, side,
     [x IN side WHERE NOT x:Institution OR x.type = 'village_government' | x.id] AS government,
     [x IN side WHERE x:Institution AND x.type <> 'village_government' | x.id] AS institutions
CALL (v, before, end) {
  OPTIONAL MATCH (m:Meeting {village: v.id})
  WHERE before <= m.date < end
  RETURN collect(m) AS here
}
CALL (side, before, end) {
  UNWIND side AS x
  OPTIONAL MATCH (x)-[:HOSTED]->(m:Meeting)
  WHERE m.village IS NULL AND before <= m.date < end
  RETURN collect(m) AS hosted
}
WITH v, government, institutions, coordinating, start,
     [m IN here + hosted | m {.type, .date, present: coalesce(m.attendees, []) + coalesce(m.host, [])}] AS held
WITH v, institutions, start, held,
     [m IN held WHERE m.type IN coordinating AND any(x IN m.present WHERE x IN government)] AS coordination
WITH v, institutions,
     [m IN held WHERE m.date >= start] AS held,
     [m IN coordination WHERE m.date >= start] AS now,
     [m IN coordination WHERE m.date < start] AS before
WITH v, institutions, held, now, before,
     [i IN institutions | size([m IN now WHERE i IN m.present])] AS attended
RETURN v.id AS village, v.name AS name,
       size(held) AS meetings_held, size(now) AS coordination_meetings,
       size(before) AS coordination_meetings_before,
       size(institutions) AS institutions,
       size([n IN attended WHERE n > 0]) AS institutions_attending,
       CASE WHEN size(institutions) * size(now) = 0 THEN null
            ELSE toFloat(reduce(total = 0, n IN attended | total + n)) / (size(institutions) * size(now))
       END AS attendance_rate
ORDER BY village
