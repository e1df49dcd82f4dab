package io.tracktion.simulator.sales;

import java.math.BigDecimal;

/**
 * Something an artist sells, described as the feed describes it: item and slug type, title, parent album,
 * page URL, list price ({@code 0} = name-your-price) and images. {@code itemSlug} is the optional field
 * some merch items carry.
 */
record Offer(String itemType, String slugType, String description, String albumTitle, String url,
             BigDecimal price, Long artId, Long packageImageId, String itemSlug) {

    boolean nameYourPrice() {
        return price.signum() == 0;
    }

    String artUrl() {
        if (artId != null) {
            return String.format("https://f4.bcbits.com/img/a%010d_7.jpg", artId);
        }
        if (packageImageId != null) {
            return String.format("https://f4.bcbits.com/img/%010d_37.jpg", packageImageId);
        }
        return "https://s4.bcbits.com/img/blank.gif";
    }
}
