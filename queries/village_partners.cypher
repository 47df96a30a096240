// Summary: A village's partners on a day, by kind of partner (NGO, firm, university, government, other village).
// Ringkasan: Mitra sebuah desa pada suatu tanggal, menurut jenis mitra (LSM, perusahaan, perguruan tinggi, pemerintah, desa lain).
//
// Returns one row per partner of the village $village, grouped by the kind of partner
// (ngo, firm, university, government, village) and sorted by name within it: the
// partner's id and name, the kinds of tie joining them and which of the village's own
// actors hold those ties.
//
// The rules are those of the gap report (jejaring.analysis.gaps):
// - a village's side is the village, its kades and its institutions: a BUM Desa's
//   partnership with a firm makes the firm a partner of the village;
// - a kades or an institution of another village stands for that village (kind village);
// - partner ties are partnership, resource sharing, support and funding (membership and
//   leadership place actors; coordination and peer learning are contact, not partnership);
// - a tie counts on $date when it is in force: since <= $date < until, an absent since or
//   until being open.
//
// Labels: kind=PartnerKind, ties=TieKind
//
// Parameters:
//   $village (string): the village's Kemendagri code, e.g. 18.02.02.2005
//       id: kode Kemendagri desanya, misalnya 18.02.02.2005
//   $date (date, optional): the day the ties are seen in force; default today
//       id: tanggal ikatan dilihat berlaku; bawaan: hari ini
//
// In Neo4j Browser, set the parameters first:
// :param village => '18.02.02.2005'
// :param date => date('2024-12-31')

WITH $village AS code, coalesce($date, date()) AS day
MATCH (own:Actor)
WHERE own.area_code = code AND (own:Village OR own:VillageHead OR own:Institution)
MATCH (own)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING]-(other:Actor)
WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
WITH code, own, r,
     CASE WHEN other:VillageHead OR other:Institution THEN other.village ELSE other.id END AS unit
WHERE unit <> code
OPTIONAL MATCH (partner:Actor {id: unit})
WITH unit, partner, own, r
ORDER BY r.kind, own.name
WITH unit, partner, collect(DISTINCT r.kind) AS ties, collect(DISTINCT own.name) AS via
RETURN partner.kind AS kind, unit AS id, coalesce(partner.name, unit) AS name, ties, via
ORDER BY CASE kind WHEN 'ngo' THEN 0 WHEN 'firm' THEN 1 WHEN 'university' THEN 2
                   WHEN 'government' THEN 3 ELSE 4 END, name, id
