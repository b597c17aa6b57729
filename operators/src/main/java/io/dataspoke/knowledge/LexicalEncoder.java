package io.dataspoke.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The sparse lexical vector of a text, BM25-style, from Lucene's analyzers: English text is
 * tokenized, lower-cased, stripped of stop words and Porter-stemmed; Chinese, Japanese and Korean
 * runs become overlapping bigrams (Lucene's CJK analysis), and text with Hangul is also read by
 * Lucene's Korean morphological analyzer (nori), so "광고 로그" finds "광고로그" and its words.
 *
 * <p>A document's term weight is BM25's saturated term frequency, {@code tf·(k1+1) / (tf +
 * k1·(1−b+b·len/avgLen))}, over fields weighted by their boost (a name counts more than a column
 * description); the inverse document frequency is applied by the index at query time, as Qdrant's
 * {@code Modifier.Idf} does, so a document's vector does not change when others are added. A
 * query's terms weigh 1 each.
 *
 * <p>Term ids are the 31-bit MurmurHash3 of the term, the same in every process.
 */
public final class LexicalEncoder {

    /** BM25's term-frequency saturation. */
    static final float K1 = 1.2f;

    /** BM25's length normalization. */
    static final float B = 0.75f;

    /** The document length (in weighted terms) that counts as average. */
    static final float AVERAGE_LENGTH = 40f;

    private static final int SEED = 0x5eed;

    private final Analyzer analyzer = new MixedScriptAnalyzer();
    private final Analyzer korean = new KoreanAnalyzer();

    /** A piece of a document's text and how much its terms count. */
    public record Field(String text, float boost) {}

    /** The document vector of {@code fields}. */
    public SparseVector document(List<Field> fields) {
        Map<String, Float> tf = new HashMap<>();
        float length = 0;
        for (Field field : fields) {
            if (field.text() == null || field.text().isBlank()) {
                continue;
            }
            for (String term : terms(field.text())) {
                tf.merge(term, field.boost(), Float::sum);
                length += field.boost();
            }
        }
        float norm = K1 * (1 - B + B * length / AVERAGE_LENGTH);
        Map<Integer, Float> weights = new HashMap<>();
        for (Map.Entry<String, Float> e : tf.entrySet()) {
            float f = e.getValue();
            weights.merge(id(e.getKey()), f * (K1 + 1) / (f + norm), Float::sum);
        }
        return SparseVector.of(weights);
    }

    /** The query vector of {@code text}: each distinct term once, weight 1. */
    public SparseVector query(String text) {
        Map<Integer, Float> weights = new HashMap<>();
        for (String term : terms(text)) {
            weights.put(id(term), 1f);
        }
        return SparseVector.of(weights);
    }

    /** The analyzed terms of {@code text}, in order, repeats kept. */
    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        collect(analyzer, text, terms);
        if (hasHangul(text)) {
            collect(korean, text, terms);
        }
        return terms;
    }

    /**
     * The term ids of {@code text} with the words of {@code text} they came from, in first-seen
     * order: what a search shows as the words that matched ("orders", not the stem "order").
     */
    public Map<Integer, String> termsById(String text) {
        Map<Integer, String> byId = new LinkedHashMap<>();
        collectWords(analyzer, text, byId);
        if (hasHangul(text)) {
            collectWords(korean, text, byId);
        }
        return byId;
    }

    /** The id of an analyzed term. */
    public static int id(String term) {
        return StringHelper.murmurhash3_x86_32(new BytesRef(term), SEED) & 0x7fffffff;
    }

    private static void collect(Analyzer analyzer, String text, List<String> terms) {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing text in memory", e);
        }
    }

    private static void collectWords(Analyzer analyzer, String text, Map<Integer, String> byId) {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                byId.putIfAbsent(
                        id(term.toString()),
                        text.substring(offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing text in memory", e);
        }
    }

    private static boolean hasHangul(String text) {
        return text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    /**
     * English analysis with CJK bigrams: Lucene's StandardTokenizer keeps CJK runs apart, the CJK
     * filters fold widths and pair up ideographs, kana and Hangul.
     */
    private static final class MixedScriptAnalyzer extends Analyzer {
        private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new CJKWidthFilter(source);
            result = new LowerCaseFilter(result);
            result = new CJKBigramFilter(result);
            result = new EnglishPossessiveFilter(result);
            result = new StopFilter(result, STOP_WORDS);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }
}
