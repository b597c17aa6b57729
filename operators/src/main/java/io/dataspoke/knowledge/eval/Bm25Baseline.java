package io.dataspoke.knowledge.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The baseline DataSpoke's search must beat: plain BM25 (Lucene's, k1 1.2, b 0.75) over one field
 * of "database table columns" with their natural names, Lucene's standard analyzer, no name
 * splitting, no stemming, no embeddings.
 */
public final class Bm25Baseline implements AutoCloseable {

    private final Analyzer analyzer = new StandardAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public Bm25Baseline(List<RetrievalSet.Table> tables) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (RetrievalSet.Table table : tables) {
                StringBuilder text = new StringBuilder();
                text.append(table.db()).append(' ').append(table.name());
                append(text, table.naturalName());
                append(text, table.description());
                table.columns()
                        .forEach(
                                c -> {
                                    append(text, c.name());
                                    append(text, c.alias());
                                    append(text, c.description());
                                });
                Document doc = new Document();
                doc.add(new StringField("id", table.id(), Field.Store.YES));
                doc.add(new TextField("text", text.toString(), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    /** Table ids, best first. */
    public List<String> rank(String question, int limit) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        try (TokenStream tokens = analyzer.tokenStream("text", question)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                query.add(
                        new TermQuery(new Term("text", term.toString())),
                        BooleanClause.Occur.SHOULD);
            }
            tokens.end();
        }
        List<String> ids = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
            ids.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        return ids;
    }

    private static void append(StringBuilder text, String part) {
        if (part != null) {
            text.append(' ').append(part);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
        analyzer.close();
    }
}
