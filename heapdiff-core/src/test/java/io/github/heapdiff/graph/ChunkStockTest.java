package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Chunks made ahead are fresh, zeroed and full size, and the helper thread never outlives its use. */
class ChunkStockTest {

    @Test
    void every_chunk_is_a_fresh_zeroed_full_size_array_before_and_after_the_stock_closes() throws Exception {
        ChunkStock stock = new ChunkStock();
        assertFalse(stock.helping(), "no thread before the first chunk");
        int[] previous = null;
        for (int i = 0; i < 3 * ChunkStock.DEPTH; i++) {
            int[] a = stock.take();
            assertEquals(IntChunks.CHUNK, a.length);
            assertNotSame(previous, a);
            for (int k = 0; k < a.length; k += 4099) {
                assertEquals(0, a[k]);
            }
            java.util.Arrays.fill(a, i + 1); // a chunk in use: the next one must not be this one
            previous = a;
            if (i == ChunkStock.DEPTH) {
                Thread.sleep(50); // the helper catches up
            }
        }
        stock.close();
        waitUntilStopped(stock, 5_000);
        int[] after = stock.take();
        assertEquals(IntChunks.CHUNK, after.length);
        assertEquals(0, after[IntChunks.CHUNK - 1]);
        assertFalse(stock.helping(), "no thread after closing");
    }

    @Test
    void a_stock_nobody_takes_from_or_closes_stops_its_thread() throws Exception {
        ChunkStock stock = new ChunkStock(100);
        stock.take();
        assertTrue(stock.helping());
        waitUntilStopped(stock, 10_000);
    }

    private static void waitUntilStopped(ChunkStock stock, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (stock.helping() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertFalse(stock.helping(), "the helper thread still runs");
    }
}
