package io.tracktion.loader.sales;

import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** A batch's offsets for a log line, e.g. {@code tracktion.sales-0@10..509, tracktion.sales-2@3..7}. */
final class OffsetRanges {

    private OffsetRanges() {
    }

    static String of(ConsumerRecords<?, ?> records) {
        return records.partitions().stream()
                .map(partition -> {
                    var inPartition = records.records(partition);
                    ConsumerRecord<?, ?> first = inPartition.get(0);
                    ConsumerRecord<?, ?> last = inPartition.get(inPartition.size() - 1);
                    return partition + "@" + first.offset() + ".." + last.offset();
                })
                .collect(Collectors.joining(", "));
    }
}
