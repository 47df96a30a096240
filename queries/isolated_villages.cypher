// Summary: Isolated villages: the villages of an area in no partnership with any other village on a day, and the neighbour to start with.
// Ringkasan: Desa terisolasi: desa di suatu wilayah yang tidak bermitra dengan desa lain mana pun pada suatu tanggal, dan tetangga untuk memulai.
//
// Returns one row per village of $area with no partner tie to another village, by code:
// the village's code and name, how many partners of other kinds it has (NGOs, firms,
// universities, government offices), how many neighbours it has, and the neighbour
// that matches it best, with the strength of the match (none when no neighbour
// matches). These are the isolated villages of the gap report (jejaring gaps,
// inter-village cooperation) and the neighbour its action names, with the same rules:
// - a village's side is the village, its kades and its institutions; a tie with a kades
//   or an institution of another village is a tie with that village;
// - partner ties are partnership, resource sharing, support and funding, counted on
//   $date when in force: since <= $date < until, an absent since or until being open;
// - neighbours are two villages within $km km of each other when both have
//   coordinates, else two villages of the same kecamatan;
// - the match of two villages counts 1 for each need of one that the other offers, and
//   a half for each pair of complementary sectors between them (a producer and its buyer
//   or processor: the pairs below, as jejaring.analysis.gaps.COMPLEMENTARY_SECTORS has
//   them) that they do not both work in; the strongest first, then by name.
//
// Parameters:
//   $area (string): the Kemendagri code of the area, e.g. 18.02.02 (a kecamatan)
//       id: kode Kemendagri wilayahnya, misalnya 18.02.02 (kecamatan)
//   $date (date, optional): the day the ties are seen in force; default today
//       id: tanggal ikatan dilihat berlaku; bawaan: hari ini
//   $km (float, optional): the distance within which villages with coordinates are neighbours; default 5
//       id: jarak (km) desa bertitik koordinat dianggap bertetangga; bawaan: 5
//
// In Neo4j Browser, set the parameters first:
// :param area => '18.02.02'
// :param date => date('2024-12-31')
// :param km => 5.0

WITH $area AS area, coalesce($date, date()) AS day, coalesce($km, 5.0) AS km,
     [['food_crops', 'livestock'], ['food_crops', 'small_industry'], ['food_crops', 'trade_services'],
      ['estate_crops', 'small_industry'], ['estate_crops', 'trade_services'], ['forestry', 'tourism'],
      ['forestry', 'small_industry'], ['livestock', 'trade_services'], ['fisheries', 'small_industry'],
      ['fisheries', 'trade_services'], ['tourism', 'small_industry'], ['tourism', 'trade_services'],
      ['tourism', 'environment']] AS pairs
MATCH (own:Actor)
WHERE (own:Village OR own:VillageHead OR own:Institution)
  AND (own.area_code = area OR own.area_code STARTS WITH area + '.')
WITH day, km, pairs, own, coalesce(own.village, own.id) AS home
OPTIONAL MATCH (own)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING]-(other:Actor)
WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
WITH km, pairs, home, CASE WHEN other:VillageHead OR other:Institution THEN other.village ELSE other.id END AS unit
WITH km, pairs, home, collect(DISTINCT CASE WHEN unit <> home THEN unit END) AS units
MATCH (v:Village {id: home})
OPTIONAL MATCH (partner:Actor) WHERE partner.id IN units
WITH km, pairs, v, collect(partner) AS partners
WHERE none(p IN partners WHERE p:Village)
OPTIONAL MATCH (near:Village)
WHERE near.id <> v.id AND CASE
  WHEN v.latitude IS NULL OR near.latitude IS NULL THEN substring(near.id, 0, 8) = substring(v.id, 0, 8)
  ELSE 2 * 6371.0 * asin(sqrt(
         sin((radians(near.latitude) - radians(v.latitude)) / 2) ^ 2
         + cos(radians(v.latitude)) * cos(radians(near.latitude))
           * sin((radians(near.longitude) - radians(v.longitude)) / 2) ^ 2)) <= km
  END
WITH v, partners, pairs, near,
     coalesce(v.needs, []) AS vn, coalesce(v.offers, []) AS vo, coalesce(v.sectors, []) AS vs,
     coalesce(near.needs, []) AS nn, coalesce(near.offers, []) AS no, coalesce(near.sectors, []) AS ns
WITH v, partners, near,
     size([x IN no WHERE x IN vn]) + size([x IN vo WHERE x IN nn])
     + 0.5 * (size([p IN pairs WHERE p[0] IN vs AND p[1] IN ns AND NOT (p[0] IN ns AND p[1] IN vs)])
              + size([p IN pairs WHERE p[1] IN vs AND p[0] IN ns AND NOT (p[1] IN ns AND p[0] IN vs)])) AS strength
ORDER BY strength DESC, near.name
WITH v, partners, collect(near) AS neighbours, collect(CASE WHEN strength > 0 THEN [near, strength] END) AS matches
RETURN v.id AS village, v.name AS name, size(partners) AS partners, size(neighbours) AS neighbours,
       matches[0][0].id AS best_neighbour_id, matches[0][0].name AS best_neighbour, matches[0][1] AS match
ORDER BY village
