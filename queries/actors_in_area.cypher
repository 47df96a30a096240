// Summary: The actors of an area (a kecamatan, a village, a kabupaten), optionally of some kinds.
// Ringkasan: Aktor di suatu wilayah (kecamatan, desa, kabupaten), bisa dibatasi jenisnya.
//
// Returns one row per actor whose area lies inside $area, sorted by id: its id, name,
// kind, area code, and for a kades or an institution the code of its village.
// An actor's area is a village's own code, a kades's or an institution's village, and an
// organisation's recorded area: an organisation working over the whole kabupaten is not
// an actor of one of its kecamatan.
//
// Labels: kind=ActorKind
//
// Parameters:
//   $area (string): the Kemendagri code of the area, e.g. 18.02.02 (Kecamatan Bangun Rejo)
//       id: kode Kemendagri wilayahnya, misalnya 18.02.02 (Kecamatan Bangun Rejo)
//   $kinds (list, optional): actor kind codes to keep (village, village_head, institution,
//       ngo, firm, university, government); empty or absent: every kind
//       id: kode jenis aktor yang diambil (village, village_head, institution, ngo, firm, university, government); kosong: semua jenis
//
// In Neo4j Browser, set the parameters first:
// :param area => '18.02.02'
// :param kinds => []

WITH $area AS area, coalesce($kinds, []) AS kinds
MATCH (a:Actor)
WHERE (a.area_code = area OR a.area_code STARTS WITH area + '.')
  AND (size(kinds) = 0 OR a.kind IN kinds)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.area_code AS area, a.village AS village
ORDER BY id
