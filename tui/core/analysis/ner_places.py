"""Country names: the one general word list the entity rules use.

A country named in a results line is a national team or a place (GPE); a city or county in the
same position is a club (ORG). The list is the world's states plus the usual short and home-nation
forms, lower-cased.
"""

from __future__ import annotations

_NAMES = """
afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia,
austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia, bosnia and herzegovina, bosnia-herzegovina, botswana, brazil, brunei, bulgaria,
burkina faso, burundi, cambodia, cameroon, canada, cape verde, central african republic, chad, chile,
china, colombia, comoros, congo, costa rica, croatia, cuba, cyprus, czech republic, czechia,
czechoslovakia, denmark, djibouti, dominica, dominican republic, east timor, ecuador, egypt,
el salvador, equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon,
gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti,
honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast,
jamaica, japan, jordan, kazakhstan, kazakstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos,
latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, macedonia,
north macedonia, madagascar, malawi, malaysia, maldives, mali, malta, marshall islands, mauritania,
mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar,
burma, namibia, nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria,
north korea, norway, oman, pakistan, palau, palestine, panama, papua new guinea, paraguay, peru,
philippines, poland, portugal, qatar, romania, russia, rwanda, saint kitts and nevis, saint lucia,
samoa, san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
slovenia, solomon islands, somalia, south africa, south korea, korea, south sudan, spain, sri lanka,
sudan, suriname, swaziland, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo,
tonga, trinidad, trinidad and tobago, tunisia, turkey, turkmenistan, tuvalu, uganda, ukraine,
united arab emirates, uae, united kingdom, uk, britain, great britain, england, scotland, wales,
northern ireland, united states, united states of america, us, u.s., usa, u.s.a., america, uruguay,
uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, yugoslavia, zambia, zimbabwe,
soviet union, ussr, hong kong, puerto rico, greenland
"""

COUNTRIES = frozenset(" ".join(n.split()) for n in _NAMES.replace("\n", " ").split(",") if n.strip())


def is_country(name: str) -> bool:
    """True for a country's usual name ("Sri Lanka", "U.S.", "the Netherlands")."""
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    return key in COUNTRIES
