// Summary: Coverage gaps: the kinds of partner each village of an area has none of on a day.
// Ringkasan: Celah cakupan mitra: jenis mitra yang tidak dimiliki tiap desa di suatu wilayah pada suatu tanggal.
//
// Returns one row per village of $area lacking at least one kind of partner: its code
// and name, how many partners of each kind it has (ngo, firm, university, government,
// villages), the kinds it has none of, and the gap's severity: high with no partner at
// all, medium when three or more kinds are missing, low otherwise. The most missing
// first, then by name. These are the empty cells of the gap report's coverage matrix
// (jejaring gaps), with the same rules:
// - a village's side is the village, its kades and its institutions; a kades or an
//   institution of another village stands for that village;
// - partner ties are partnership, resource sharing, support and funding;
// - a tie counts on $date when it is in force: since <= $date < until, an absent since or
//   until being open.
//
// Labels: missing=PartnerKind, severity=Severity
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

WITH $area AS area, coalesce($date, date()) AS day,
     ['ngo', 'firm', 'university', 'government', 'village'] AS kinds
MATCH (own:Actor)
WHERE (own:Village OR own:VillageHead OR own:Institution)
  AND (own.area_code = area OR own.area_code STARTS WITH area + '.')
WITH day, kinds, own, coalesce(own.village, own.id) AS home
OPTIONAL MATCH (own)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING]-(other:Actor)
WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
WITH kinds, home,
     CASE WHEN other:VillageHead OR other:Institution THEN other.village ELSE other.id END AS unit
WITH kinds, home, collect(DISTINCT CASE WHEN unit <> home THEN unit END) AS units
MATCH (v:Village {id: home})
OPTIONAL MATCH (partner:Actor) WHERE partner.id IN units
WITH v, kinds, collect(partner.kind) AS found
WITH v, kinds, [k IN kinds | size([f IN found WHERE f = k])] AS counts
WITH v, counts, [i IN range(0, size(kinds) - 1) WHERE counts[i] = 0 | kinds[i]] AS missing
WHERE size(missing) > 0
RETURN v.id AS village, v.name AS name,
       counts[0] AS ngo, counts[1] AS firm, counts[2] AS university, counts[3] AS government,
       counts[4] AS villages, missing,
       CASE WHEN size(missing) = size(counts) THEN 'high'
            WHEN size(missing) >= 3 THEN 'medium' ELSE 'low' END AS severity
ORDER BY size(missing) DESC, name, village
