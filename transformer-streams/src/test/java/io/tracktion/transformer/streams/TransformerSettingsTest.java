package io.tracktion.transformer.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TransformerSettingsTest {

    @Test
    void configuresExactlyOnceWithAShortCommitInterval() {
        var config = TransformerSettings.of("broker:9092", "tracktion-transformer", "/var/lib/streams", 3).streamsConfig();

        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "tracktion-transformer")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, Path.of("/var/lib/streams").toString())
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        assertThat(config).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);
        assertThat(new StreamsConfig(config).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void theStateDirDefaultsToAFolderInTheTempDir() {
        assertThat(TransformerSettings.of("b:9092", "app", "", 1).stateDir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "tracktion-transformer"));
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> TransformerSettings.of(" ", "app", "", 1)).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> TransformerSettings.of("b:9092", "", "", 1)).hasMessageContaining("TRANSFORMER_APPLICATION_ID");
        assertThatThrownBy(() -> TransformerSettings.of("b:9092", "app", "", 0)).hasMessageContaining("KAFKA_REPLICATION_FACTOR");
        assertThatThrownBy(() -> TransformerSettings.of("b:9092", "app", "", 1, java.time.Duration.ZERO))
                .hasMessageContaining("TRANSFORMER_COMMIT_INTERVAL");
    }
}
