// Summary: Unmet needs: what each village of an area needs that none of its partners offers on a day, and who else does.
// Ringkasan: Kebutuhan belum terpenuhi: kebutuhan tiap desa di suatu wilayah yang tidak ditawarkan mitranya pada suatu tanggal, dan siapa lagi yang menawarkannya.
//
// Returns one row per village of $area and need it has that none of its partners meets,
// by village code and in the order the village lists its needs: the village's code and
// name, the need (a resource code), its number of partners, the severity (high when
// nobody else in view offers it, medium otherwise) and who else offers it (ids and
// names, those partnering the most villages of the area first, then by name). These are
// the unmet needs of the gap report (jejaring gaps), with the same rules:
// - a village's side is the village, its kades and its institutions; a kades or an
//   institution of another village stands for that village;
// - partner ties are partnership, resource sharing, support and funding, counted on
//   $date when in force: since <= $date < until, an absent since or until being open;
// - a partner meets a need when it offers it, when the actor at the other end of a tie
//   with it offers it, or when such a tie carries that resource;
// - who else offers it: villages and organisations (not yet partners) in view, that is
//   of the area, tied at any time to one of its actors, or attending or hosting one of
//   its meetings (held in one of its villages or attended by one of its actors).
//
// Labels: need=Resource, severity=Severity
//
// Parameters:
//   $area (string): the Kemendagri code of the area, e.g. 18.02.02 (a kecamatan)
//       id: kode Kemendagri wilayahnya, misalnya 18.02.02 (kecamatan)
//   $date (date, optional): the day the ties are seen in force; default today
//       id: tanggal ikatan dilihat berlaku; bawaan: hari ini
//
// In Neo4j Browser, set the parameters first:
// :param area => '18.02.02'
// :param date => date('2024-12-31')

WITH $area AS area, coalesce($date, date()) AS day
MATCH (own:Actor)
WHERE (own:Village OR own:VillageHead OR own:Institution)
  AND (own.area_code = area OR own.area_code STARTS WITH area + '.')
WITH area, day, own, coalesce(own.village, own.id) AS home
OPTIONAL MATCH (own)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING]-(other:Actor)
WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
WITH area, home, r, other,
     CASE WHEN other:VillageHead OR other:Institution THEN other.village ELSE other.id END AS unit
WITH area, home, CASE WHEN unit <> home THEN {unit: unit, other: other, r: r} END AS link
WITH area, home, collect(link) AS links
MATCH (v:Village {id: home})
WITH area, v, links, [l IN links | l.unit] AS units
OPTIONAL MATCH (partner:Actor) WHERE partner.id IN units
WITH area, v, links, units, collect(partner) AS partners
// what the partners offer: their own offers, those of the actors at the tie ends, the ties' resources
WITH area, v, units,
     reduce(offered = [], l IN links | offered + coalesce(l.other.offers, []) + coalesce(l.r.resources, []))
     + reduce(offered = [], p IN partners | offered + coalesce(p.offers, [])) AS offered
WITH area, collect({village: v, partners: units, offered: offered}) AS rows
// how many villages of the area each unit partners
CALL (rows) {
  UNWIND rows AS row
  UNWIND row.partners AS unit
  WITH DISTINCT row.village AS village, unit
  WITH unit, count(*) AS reach
  RETURN collect({unit: unit, reach: reach}) AS reaches
}
// the villages and organisations in view: of the area, tied to it, or at one of its meetings
CALL (area, reaches) {
  CALL (area) {
    MATCH (u:Actor)
    WHERE u.area_code = area OR u.area_code STARTS WITH area + '.'
    RETURN u
    UNION
    MATCH (x:Actor)--(u:Actor)
    WHERE x.area_code = area OR x.area_code STARTS WITH area + '.'
    RETURN u
    UNION
    MATCH (m:Meeting)
    WHERE m.village = area OR m.village STARTS WITH area + '.'
    MATCH (u:Actor)-[:ATTENDED|HOSTED]->(m)
    RETURN u
    UNION
    MATCH (x:Actor)-[:ATTENDED]->(m:Meeting)
    WHERE x.area_code = area OR x.area_code STARTS WITH area + '.'
    MATCH (u:Actor)-[:ATTENDED|HOSTED]->(m)
    RETURN u
  }
  WITH u WHERE u:Village OR u:Ngo OR u:Firm OR u:University OR u:Government
  WITH u, coalesce([x IN reaches WHERE x.unit = u.id | x.reach][0], 0) AS reach
  ORDER BY reach DESC, u.name, u.id
  RETURN collect(u {.id, .name, offers: coalesce(u.offers, [])}) AS units
}
UNWIND rows AS row
WITH row, units, row.village AS v, coalesce(row.village.needs, []) AS needs
UNWIND range(0, size(needs) - 1) AS i
WITH row, units, v, i, needs[i] AS need
WHERE NOT need IN row.offered
WITH v, i, need, size(row.partners) AS partners,
     [u IN units WHERE need IN u.offers AND NOT u.id IN row.partners AND u.id <> v.id] AS suppliers
RETURN v.id AS village, v.name AS name, need, partners,
       CASE WHEN size(suppliers) = 0 THEN 'high' ELSE 'medium' END AS severity,
       [s IN suppliers | s.id] AS supplier_ids, [s IN suppliers | s.name] AS suppliers
ORDER BY village, i
