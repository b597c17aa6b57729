package io.dataspoke.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalEncoderTest {

    private final LexicalEncoder encoder = new LexicalEncoder();

    @Test
    void englishIsStemmedAndStopWordsDropped() {
        assertThat(encoder.terms("The orders of the customers")).containsExactly("order", "custom");
        assertThat(encoder.query("orders").indices())
                .containsExactly(encoder.query("order").indices());
    }

    @Test
    void koreanIsReadAsBigramsAndByItsMorphologicalAnalyzer() {
        List<String> terms = encoder.terms("광고 로그 테이블");
        // CJK bigrams of the mixed-script analyzer and nori's words both.
        assertThat(terms).contains("광고", "로그", "테이", "이블", "테이블");
        assertThat(encoder.terms("広告ログ")).contains("広告", "告ロ", "ログ");
    }

    @Test
    void documentWeightsSaturateAndFavourBoostedFields() {
        SparseVector once = encoder.document(List.of(new LexicalEncoder.Field("revenue", 1f)));
        SparseVector many =
                encoder.document(
                        List.of(new LexicalEncoder.Field("revenue revenue revenue revenue", 1f)));
        SparseVector boosted =
                encoder.document(
                        List.of(
                                new LexicalEncoder.Field("revenue", 3f),
                                new LexicalEncoder.Field("amount", 1f)));
        int revenue = LexicalEncoder.id("revenu");

        assertThat(many.weight(revenue)).isGreaterThan(once.weight(revenue));
        assertThat(many.weight(revenue)).isLessThan(LexicalEncoder.K1 + 1);
        assertThat(boosted.weight(revenue))
                .isGreaterThan(boosted.weight(LexicalEncoder.id("amount")));
    }

    @Test
    void queryTermsWeighOneAndIdsAreStable() {
        SparseVector q = encoder.query("daily revenue daily");
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.values()).containsOnly(1f);
        assertThat(LexicalEncoder.id("revenu"))
                .isEqualTo(LexicalEncoder.id("revenu"))
                .isNotNegative();
    }
}
