package io.tracktion.transformer.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** P(X >= k) against sums of the Poisson terms computed independently (Python, math.lgamma). */
class PoissonTest {

    @ParameterizedTest
    @CsvSource({
            "5, 0.5, 0.00017211562995584053",
            "1, 1.0, 0.6321205588285576",
            "10, 10.0, 0.5420702855281494",
            "150, 100.0, 1.8842104660387047e-06",
            "20, 0.5, 2.43546542992531e-25",
            "3, 2.0, 0.3233235838169365",
            "0, 3.0, 1.0"})
    void upperTail(long k, double mean, double expected) {
        assertThat(Poisson.upperTail(k, mean)).isCloseTo(expected, within(expected * 1e-9));
    }
}
