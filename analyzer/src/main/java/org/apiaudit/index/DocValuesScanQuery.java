package org.apiaudit.index;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Matches documents by a test on their doc values that no term or point query can express: a
 * part of a number ({@code @timestamp|hour: 3}, Sigma's time modifiers), or two fields holding
 * the same value ({@code |fieldref}). A scan of the doc values, verified lazily (two-phase), so
 * inside a conjunction it only reads the documents the selective clauses let through.
 */
abstract class DocValuesScanQuery extends Query {
  final String description;

  DocValuesScanQuery(String description) {
    this.description = description;
  }

  /** Documents whose numeric doc value of {@code field} passes {@code test}. */
  static Query numeric(String field, String description, LongPredicate test) {
    return new DocValuesScanQuery(description) {
      @Override
      DocIdSetIterator[] iterators(LeafReader leaf) throws IOException {
        return new DocIdSetIterator[] {DocValues.getNumeric(leaf, field)};
      }

      @Override
      boolean matches(DocIdSetIterator[] it) throws IOException {
        return test.test(((NumericDocValues) it[0]).longValue());
      }
    };
  }

  /** Documents where keyword (sorted) doc values of {@code a} and {@code b} are equal bytes. */
  static Query sameKeyword(String a, String b) {
    return new DocValuesScanQuery(a + " == " + b) {
      @Override
      DocIdSetIterator[] iterators(LeafReader leaf) throws IOException {
        return new DocIdSetIterator[] {DocValues.getSorted(leaf, a), DocValues.getSorted(leaf, b)};
      }

      @Override
      boolean matches(DocIdSetIterator[] it) throws IOException {
        SortedDocValues x = (SortedDocValues) it[0];
        SortedDocValues y = (SortedDocValues) it[1];
        int doc = x.docID();
        if (y.docID() < doc && y.advance(doc) != doc || y.docID() != doc) {
          return false;
        }
        return x.lookupOrd(x.ordValue()).equals(y.lookupOrd(y.ordValue()));
      }
    };
  }

  /** Documents where numeric doc values of {@code a} and {@code b} are equal. */
  static Query sameNumber(String a, String b) {
    return new DocValuesScanQuery(a + " == " + b) {
      @Override
      DocIdSetIterator[] iterators(LeafReader leaf) throws IOException {
        return new DocIdSetIterator[] {DocValues.getNumeric(leaf, a), DocValues.getNumeric(leaf, b)};
      }

      @Override
      boolean matches(DocIdSetIterator[] it) throws IOException {
        NumericDocValues x = (NumericDocValues) it[0];
        NumericDocValues y = (NumericDocValues) it[1];
        int doc = x.docID();
        if (y.docID() < doc && y.advance(doc) != doc || y.docID() != doc) {
          return false;
        }
        return x.longValue() == y.longValue();
      }
    };
  }

  /** The per-leaf doc-values iterators; the first one drives the scan. */
  abstract DocIdSetIterator[] iterators(LeafReader leaf) throws IOException;

  /** Whether the document the first iterator is on matches. */
  abstract boolean matches(DocIdSetIterator[] iterators) throws IOException;

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        DocIdSetIterator[] its = iterators(context.reader());
        DocIdSetIterator approximation = its[0];
        TwoPhaseIterator twoPhase = new TwoPhaseIterator(approximation) {
          @Override
          public boolean matches() throws IOException {
            return DocValuesScanQuery.this.matches(its);
          }

          @Override
          public float matchCost() {
            return 10;
          }
        };
        return new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "docvalues(" + description + ")";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, System.identityHashCode(this));
  }
}
