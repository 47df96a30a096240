// Summary: Partner suggestions for one actor from network evidence and complementarity, the best first.
// Ringkasan: Saran mitra untuk satu aktor dari bukti jejaring dan kesalingmelengkapan, yang terbaik lebih dulu.
//
// Returns up to $top candidates for the actor $actor (an id) on $date, the best first
// (equal scores by id): the candidate's id, name, kind and area, its score, the two
// components (network, complementarity), the shared partners behind the first (fewest
// partners first), and the resources behind the second. These are the suggestions of
// jejaring suggest with the peer-learning and proximity weights set to 0, with its
// rules:
// - a village's side is the village, its kades and its institutions; a kades or an
//   institution asks for its village; candidates are villages and organisations, each
//   village shown as its kades (in office on $date, else the latest) when a kades asks;
// - the view is the ties in force on $date (since <= $date < until, an absent since or
//   until being open) that touch an actor of the scope: the actor's area cut to the
//   level $within names (kecamatan, kabupaten, province; all: no limit);
// - the partner graph joins two sides by partnership, resource sharing, support,
//   funding, peer learning or coordination, leaving out the support and funding every
//   desa gets from government offices by mandate (a tie from a Government actor);
// - network: the resource-allocation index, the sum over the partners the actor's side
//   and the candidate share of one over each shared partner's number of partners;
// - complementarity: 1 for each need of the actor or its village the candidate offers,
//   $institution_need for each need only the village's institutions have, $returned for
//   each need of the candidate the actor or its village offers;
// - existing partners (joined by any of those ties, mandate included) and the actor's
//   own side are never suggested; candidates lie in the scope, contain it (a provincial
//   NGO for a kabupaten), or have no area recorded; a candidate needs a score above 0.
//
// The work follows the actor's neighbourhood, not the scope's ties: it reads the actor's side,
// the sides tied to it and their own ties (the partner counts), and, for complementarity, the
// villages and organisations of the scope offering or needing the resources concerned.
//
// Labels: kind=ActorKind, offers_needs=Resource, offers_institution_needs=Resource, needs_offers=Resource
//
// Parameters:
//   $actor (string): the id of the village, kades, institution or organisation asking
//       id: id desa, kades, lembaga atau organisasi yang meminta saran
//   $date (date, optional): the day the ties are seen in force; default today
//       id: tanggal ikatan dilihat berlaku; bawaan: hari ini
//   $within (string, optional, one of kecamatan|kabupaten|province|all): where candidates come from; default kabupaten
//       id: dari mana calon mitra diambil; bawaan: kabupaten
//   $top (int, optional): how many suggestions; default 10
//       id: banyaknya saran; bawaan: 10
//   $network (float, optional): the weight of the network component; default 1
//       id: bobot komponen jejaring; bawaan: 1
//   $complementarity (float, optional): the weight of complementarity; default 1
//       id: bobot kesalingmelengkapan; bawaan: 1
//   $institution_need (float, optional): a need only the institutions have, against the actor's own; default 0.5
//       id: bobot kebutuhan yang hanya dimiliki lembaga desa, dibanding kebutuhan aktor sendiri; bawaan: 0,5
//   $returned (float, optional): a need of the candidate the actor offers, against the actor's own; default 0.5
//       id: bobot kebutuhan calon yang ditawarkan aktor, dibanding kebutuhan aktor sendiri; bawaan: 0,5
//
// In Neo4j Browser, set the parameters first:
// :param actor => '18.02.02.2005'
// :param date => date('2024-12-31')
// :param within => 'kabupaten'
// :param top => 10
// :param network => 1.0
// :param complementarity => 1.0
// :param institution_need => 0.5
// :param returned => 0.5

MATCH (me:Actor {id: $actor})
WITH me, coalesce($date, date()) AS day,
     {kecamatan: 3, kabupaten: 2, province: 1, all: 0}[coalesce($within, 'kabupaten')] AS level,
     coalesce($network, 1.0) AS w_network, coalesce($complementarity, 1.0) AS w_complementarity,
     coalesce($institution_need, 0.5) AS w_institution, coalesce($returned, 0.5) AS w_returned,
     CASE WHEN me:VillageHead OR me:Institution THEN me.village ELSE me.id END AS unit
WHERE level IS NOT NULL
WITH me, day, unit, w_network, w_complementarity, w_institution, w_returned,
     CASE WHEN me.area_code IS NULL OR level = 0 THEN null
          ELSE reduce(s = '', part IN split(me.area_code, '.')[0..level] | s + CASE s WHEN '' THEN '' ELSE '.' END + part)
     END AS scope
// a kades's or an institution's area_code is its village, so its side is found by that index
OPTIONAL MATCH (home:Actor:Village {id: unit})
OPTIONAL MATCH (member:Actor:Institution {area_code: unit})
  WHERE home IS NOT NULL AND member.village = unit AND member <> me
WITH me, day, unit, scope, home, w_network, w_complementarity, w_institution, w_returned,
     coalesce(me.needs, []) + CASE WHEN home IS NULL OR home = me THEN [] ELSE coalesce(home.needs, []) END AS needs,
     coalesce(me.offers, []) + CASE WHEN home IS NULL OR home = me THEN [] ELSE coalesce(home.offers, []) END AS offers,
     reduce(all = [], m IN collect(member) | all + coalesce(m.needs, [])) AS member_needs
WITH me, day, unit, scope, needs, offers, w_network, w_complementarity, w_institution, w_returned,
     reduce(only = [], r IN member_needs | CASE WHEN r IN needs OR r IN only THEN only ELSE only + r END) AS institution_needs
// the sides the actor's side is tied to in the view (linked), and those of them that are partners
CALL (unit, scope, day) {
  CALL (unit) {
    MATCH (x:Actor {id: unit}) WHERE NOT (x:VillageHead OR x:Institution) RETURN x
    UNION
    MATCH (x:Actor {area_code: unit}) WHERE x.village = unit AND (x:VillageHead OR x:Institution) RETURN x
  }
  MATCH (x)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING|PEER_LEARNING|COORDINATION]-(y:Actor)
  WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
    AND (scope IS NULL OR x.area_code = scope OR x.area_code STARTS WITH scope + '.'
         OR y.area_code = scope OR y.area_code STARTS WITH scope + '.')
  WITH CASE WHEN y:VillageHead OR y:Institution THEN y.village ELSE y.id END AS b,
       startNode(r):Government AND type(r) IN ['SUPPORT', 'FUNDING'] AS mandate
  WHERE b <> unit
  WITH b, collect(mandate) AS mandates
  RETURN collect(b) AS linked, collect(CASE WHEN false IN mandates THEN b END) AS partners
}
// network: each partner's own partners in the view, weighted one over their number
CALL (unit, scope, day, partners) {
  UNWIND partners AS via
  CALL (via, scope, day) {
    CALL (via) {
      MATCH (x:Actor {id: via}) WHERE NOT (x:VillageHead OR x:Institution) RETURN x
      UNION
      MATCH (x:Actor {area_code: via}) WHERE x.village = via AND (x:VillageHead OR x:Institution) RETURN x
    }
    MATCH (x)-[r:PARTNERSHIP|RESOURCE_SHARING|SUPPORT|FUNDING|PEER_LEARNING|COORDINATION]-(y:Actor)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR day < r.until)
      AND NOT (startNode(r):Government AND type(r) IN ['SUPPORT', 'FUNDING'])
      AND (scope IS NULL OR x.area_code = scope OR x.area_code STARTS WITH scope + '.'
           OR y.area_code = scope OR y.area_code STARTS WITH scope + '.')
    WITH DISTINCT CASE WHEN y:VillageHead OR y:Institution THEN y.village ELSE y.id END AS b
    WHERE b <> via
    RETURN collect(b) AS theirs
  }
  UNWIND theirs AS candidate
  WITH via, candidate, 1.0 / size(theirs) AS weight
  WHERE candidate <> unit AND NOT candidate IN partners
  RETURN collect({candidate: candidate, via: via, weight: weight}) AS two_hops
}
// candidates: those two hops away, and, for complementarity, the villages and organisations
// of the scope offering a need of the actor or needing what it offers
CALL (unit, scope, two_hops, needs, offers, institution_needs, w_complementarity, w_institution, w_returned) {
  UNWIND two_hops AS hop
  WITH hop.candidate AS id, collect(hop) AS hops
  MATCH (c:Actor {id: id})
  RETURN c, hops
  UNION ALL
  WITH * WHERE w_complementarity <> 0
    AND (size(needs) > 0 OR (w_institution <> 0 AND size(institution_needs) > 0) OR (w_returned <> 0 AND size(offers) > 0))
  CALL (scope) {
    MATCH (c:Actor) WHERE c.area_code STARTS WITH scope + '.' RETURN c
    UNION ALL
    MATCH (c:Actor)
    WHERE c.area_code IN [scope] + [i IN range(1, size(coalesce(scope, '')) - 1) WHERE substring(scope, i, 1) = '.' | substring(scope, 0, i)]
    RETURN c
    UNION ALL
    MATCH (c:Actor)
    WHERE c.kind IN CASE WHEN scope IS NULL THEN [] ELSE ['ngo', 'firm', 'university', 'government'] END
      AND c.area_code IS NULL
    RETURN c
    UNION ALL
    MATCH (c:Actor)
    WHERE c.kind IN CASE WHEN scope IS NULL THEN ['village', 'ngo', 'firm', 'university', 'government'] ELSE [] END
    RETURN c
  }
  WITH c, needs, offers, institution_needs, w_institution, w_returned
  WHERE (c:Village OR c:Ngo OR c:Firm OR c:University OR c:Government)
    AND (any(r IN coalesce(c.offers, []) WHERE r IN needs OR (w_institution <> 0 AND r IN institution_needs))
         OR (w_returned <> 0 AND any(r IN coalesce(c.needs, []) WHERE r IN offers)))
  RETURN c, [] AS hops
}
WITH me, day, unit, scope, partners, linked, needs, offers, institution_needs,
     w_network, w_complementarity, w_institution, w_returned, c, collect(hops) AS found
WHERE (c:Village OR c:Ngo OR c:Firm OR c:University OR c:Government)
  AND c.id <> unit AND NOT c.id IN linked
  AND (scope IS NULL OR c.area_code IS NULL OR c.area_code = scope OR c.area_code STARTS WITH scope + '.'
       OR scope STARTS WITH c.area_code + '.')
WITH me, day, c, needs, offers, institution_needs, w_network, w_complementarity, w_institution, w_returned,
     reduce(all = [], hs IN found | all + hs) AS hops,
     [r IN coalesce(c.offers, []) WHERE r IN needs] AS offers_needs,
     [r IN coalesce(c.offers, []) WHERE r IN institution_needs] AS offers_institution_needs,
     [r IN coalesce(c.needs, []) WHERE r IN offers] AS needs_offers
WITH me, day, c, hops, offers_needs, offers_institution_needs, needs_offers,
     reduce(total = 0.0, h IN hops | total + h.weight) AS network,
     size(offers_needs) + w_institution * size(offers_institution_needs) + w_returned * size(needs_offers)
       AS complementarity, w_network, w_complementarity
WITH me, day, c, hops, offers_needs, offers_institution_needs, needs_offers, network, complementarity,
     w_network * network + w_complementarity * complementarity AS score
WHERE score > 0
// a kades asking is shown each village as its kades: the one in office on the day, else the latest
CALL (me, c) {
  MATCH (head:Actor {area_code: CASE WHEN me:VillageHead AND c:Village THEN c.id END})
  WHERE head:VillageHead AND head.village = c.id
  RETURN collect(head) AS heads
}
WITH me, c, hops, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score, heads,
     [h IN heads WHERE (h.term_start IS NULL OR h.term_start <= day) AND (h.term_end IS NULL OR day < h.term_end)]
       AS serving
WITH me, c, hops, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score,
     reduce(best = null, h IN CASE WHEN size(serving) > 0 THEN serving ELSE heads END |
       CASE WHEN best IS NULL
              OR coalesce(h.term_start, date('0001-01-01')) > coalesce(best.term_start, date('0001-01-01'))
              OR (coalesce(h.term_start, date('0001-01-01')) = coalesce(best.term_start, date('0001-01-01'))
                  AND h.id > best.id)
            THEN h ELSE best END) AS kades
WITH c, hops, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score,
     CASE WHEN me:VillageHead AND c:Village THEN kades ELSE c END AS shown
WHERE shown IS NOT NULL
WITH c, shown, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score, hops
ORDER BY round(score, 9) DESC, shown.id
LIMIT coalesce($top, 10)
UNWIND (hops + [null]) AS hop
OPTIONAL MATCH (partner:Actor {id: hop.via})
WITH c, shown, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score,
     hop, coalesce(partner.name, hop.via) AS partner_name
ORDER BY round(score, 9) DESC, shown.id, 1.0 / hop.weight, partner_name
WITH c, shown, offers_needs, offers_institution_needs, needs_offers, network, complementarity, score,
     collect(partner_name) AS shared_partners
RETURN shown.id AS id, shown.name AS name, shown.kind AS kind, c.area_code AS area, score, network, complementarity,
       shared_partners, offers_needs, offers_institution_needs, needs_offers
ORDER BY round(score, 9) DESC, id
