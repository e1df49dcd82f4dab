package io.tracktion.simulator.catalog;

/** The writing system an artist's names are in; drives which word pools their titles come from. */
public enum Script {
    LATIN, LATIN_ACCENTED, JAPANESE, CYRILLIC, ARABIC, KOREAN, GREEK, HEBREW, CHINESE, EMOJI
}
