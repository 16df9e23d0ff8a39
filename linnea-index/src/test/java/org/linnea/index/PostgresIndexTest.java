package org.linnea.index;


class PostgresIndexTest extends IndexContract {
  @Override
  Index open() {
    return Index.open(PostgresCluster.shared().newDatabase());
  }

  @Override
  IndexSettings fresh() {
    return PostgresCluster.shared().newDatabase();
  }
}
