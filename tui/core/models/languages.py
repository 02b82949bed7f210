"""English names of languages by ISO 639-1 code, for "not analysed: German" (no detector imported)."""

from __future__ import annotations

ENGLISH = "en"

_NAMES = (
    "aa Afar|ab Abkhazian|af Afrikaans|ak Akan|am Amharic|ar Arabic|as Assamese|ay Aymara|az Azerbaijani|"
    "ba Bashkir|be Belarusian|bg Bulgarian|bh Bihari|bi Bislama|bn Bengali|bo Tibetan|br Breton|bs Bosnian|"
    "ca Catalan|co Corsican|cs Czech|cy Welsh|da Danish|de German|dv Dhivehi|dz Dzongkha|ee Ewe|el Greek|"
    "en English|eo Esperanto|es Spanish|et Estonian|eu Basque|fa Persian|fi Finnish|fj Fijian|fo Faroese|"
    "fr French|fy Frisian|ga Irish|gd Scottish Gaelic|gl Galician|gn Guarani|gu Gujarati|gv Manx|ha Hausa|"
    "he Hebrew|hi Hindi|hr Croatian|ht Haitian Creole|hu Hungarian|hy Armenian|ia Interlingua|id Indonesian|"
    "ie Interlingue|ig Igbo|ik Inupiaq|is Icelandic|it Italian|iu Inuktitut|ja Japanese|jv Javanese|"
    "ka Georgian|kk Kazakh|kl Greenlandic|km Khmer|kn Kannada|ko Korean|ks Kashmiri|ku Kurdish|ky Kyrgyz|"
    "la Latin|lb Luxembourgish|lg Ganda|ln Lingala|lo Lao|lt Lithuanian|lv Latvian|mg Malagasy|mi Maori|"
    "mk Macedonian|ml Malayalam|mn Mongolian|mr Marathi|ms Malay|mt Maltese|my Burmese|na Nauru|ne Nepali|"
    "nl Dutch|nn Norwegian Nynorsk|no Norwegian|nr Ndebele|ny Nyanja|oc Occitan|om Oromo|or Odia|os Ossetian|"
    "pa Punjabi|pl Polish|ps Pashto|pt Portuguese|qu Quechua|rm Romansh|rn Rundi|ro Romanian|ru Russian|"
    "rw Kinyarwanda|sa Sanskrit|sd Sindhi|sg Sango|si Sinhala|sk Slovak|sl Slovenian|sm Samoan|sn Shona|"
    "so Somali|sq Albanian|sr Serbian|ss Swati|st Sotho|su Sundanese|sv Swedish|sw Swahili|ta Tamil|"
    "te Telugu|tg Tajik|th Thai|ti Tigrinya|tk Turkmen|tl Tagalog|tn Tswana|to Tongan|tr Turkish|ts Tsonga|"
    "tt Tatar|tw Twi|ug Uyghur|uk Ukrainian|ur Urdu|uz Uzbek|ve Venda|vi Vietnamese|vo Volapük|wo Wolof|"
    "xh Xhosa|yi Yiddish|yo Yoruba|za Zhuang|zh Chinese|zu Zulu"
)
LANGUAGE_NAMES: dict[str, str] = dict(item.split(" ", 1) for item in _NAMES.split("|"))


def language_name(code: str) -> str:
    """The English name of a language code ("de": "German"); an unknown code is shown as it is."""
    return LANGUAGE_NAMES.get(code, code)
