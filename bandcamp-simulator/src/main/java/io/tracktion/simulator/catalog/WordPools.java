package io.tracktion.simulator.catalog;

import java.util.List;

/** Invented words and name parts, per script, from which artist, label and release names are combined. */
final class WordPools {

    private WordPools() {
    }

    static final List<String> ADJECTIVES = List.of(
            "Velvet", "Hollow", "Silver", "Paper", "Northern", "Quiet", "Neon", "Amber", "Crimson", "Golden",
            "Distant", "Broken", "Electric", "Wild", "Lunar", "Static", "Glass", "Iron", "Salt", "Lost",
            "Secret", "Faded", "Midnight", "Copper", "Cold", "Tender", "Wooden", "Sleeping", "Burning", "Violet",
            "Sunken", "Pale", "Endless", "Slow", "Bright", "Hidden", "Restless", "Frozen", "Gentle", "Magnetic");

    static final List<String> NOUNS = List.of(
            "Orrery", "Harbour", "Signal", "Lanterns", "Kites", "Comet", "Tide", "Mirage", "Choir", "Garden",
            "Engine", "Machines", "Satellite", "Meadow", "Parade", "Ghosts", "Wolves", "Owls", "Archive", "Radio",
            "Lake", "Forest", "Cathedral", "Circuit", "Canyon", "Ferns", "Atlas", "Avenue", "Bloom", "Weather",
            "Motel", "Lighthouse", "Orchard", "Tapes", "Rivers", "Antenna", "Dunes", "Hymns", "Mountains", "Static");

    static final List<String> BAND_SUFFIXES = List.of("Collective", "Club", "Ensemble", "Society", "Orchestra", "Trio", "Sound System");

    static final List<String> FIRST_NAMES = List.of(
            "Élodie", "Zoë", "José", "Søren", "Åsa", "Björn", "Chloé", "François", "Łukasz", "Małgorzata",
            "Jiří", "João", "Nuño", "İlker", "Şebnem", "Đorđe", "Grégoire", "Ólafur", "Þóra", "Inês",
            "Renée", "Siobhán", "Maëlle", "Dorothée", "Ramón", "Agnieszka", "Kristófer", "Mirjam", "Noémi", "Tomás");

    static final List<String> SURNAMES = List.of(
            "Marchand", "Núñez", "Øvergaard", "Lindström", "Kowalczyk", "Hájek", "Gonçalves", "Müller", "Weiß", "Çelik",
            "Dubois", "Ní Bhriain", "Strauß", "Jørgensen", "Höglund", "Peña", "Aubé", "Szabó", "Novák", "Ó Súilleabháin");

    static final List<String> FRENCH_NOUNS = List.of("Éphémères", "Lumière", "Rêveurs", "Forêt", "Marée", "Hiver", "Étoiles");

    static final List<String> JAPANESE_PREFIXES = List.of(
            "星空", "夜の", "月光", "雨音", "花火", "猫の", "青い", "水色の", "鉄塔", "夏の", "冬の", "桜", "海辺の", "銀河", "電子");
    static final List<String> JAPANESE_SUFFIXES = List.of(
            "テープクラブ", "楽団", "散歩", "ノイズ", "少女", "団地", "計画", "放送局", "実験室", "倶楽部", "惑星", "レコード");

    static final List<String> CYRILLIC_ADJECTIVES = List.of(
            "Полярная", "Северная", "Тихая", "Последняя", "Ночная", "Белая", "Красная", "Звёздная", "Холодная", "Стеклянная");
    static final List<String> CYRILLIC_NOUNS = List.of("Ночь", "Станция", "Волна", "Река", "Зима", "Птица", "Весна", "Мечта");

    static final List<String> ARABIC_HEADS = List.of("صوت", "نجوم", "مدينة", "قمر", "ريح", "بحر", "ليل", "حلم");
    static final List<String> ARABIC_TAILS = List.of("الصحراء", "الليل", "الرمال", "الشمال", "البحر", "القاهرة", "الفجر");

    static final List<String> KOREAN_HEADS = List.of("새벽", "달빛", "파란", "여름", "겨울", "바다", "별", "도시");
    static final List<String> KOREAN_TAILS = List.of("빛", "소년", "밴드", "정원", "산책", "라디오", "테이프");

    static final List<String> GREEK_HEADS = List.of("Νυχτερινό", "Γαλάζιο", "Μικρό", "Αργό", "Χρυσό");
    static final List<String> GREEK_TAILS = List.of("Τρένο", "Φεγγάρι", "Κύμα", "Όνειρο", "Καλοκαίρι");

    static final List<String> HEBREW_HEADS = List.of("לילה", "ים", "אור", "חלום", "רוח");
    static final List<String> HEBREW_TAILS = List.of("כחול", "שקט", "רחוק", "לבן", "חם");

    static final List<String> CHINESE_HEADS = List.of("夜行", "海边", "城市", "雾中", "旧日", "银色");
    static final List<String> CHINESE_TAILS = List.of("动物", "乐队", "花园", "电台", "少年", "列车");

    static final List<String> EMOJI = List.of("🌙", "🌵", "✨", "🐸", "💿", "🌊", "🔥", "🦋", "🍄", "🌸");

    /** Romanisable syllables for the subdomains of artists whose names have no Latin letters. */
    static final List<String> SYLLABLES = List.of(
            "ka", "ki", "ko", "sa", "shi", "so", "ta", "to", "na", "no", "ha", "hi", "ma", "mi", "yo", "ra", "ri", "ru",
            "da", "do", "ve", "li", "zo", "an", "el", "or");
}
