// What a person types first in mongosh; MongoshEmbeddedStoreTest checks the printed answers.
function failure(action) {
  try {
    action();
    return 'answered';
  } catch (e) {
    return e.message;
  }
}
const stats = db.users.stats();
const dbStats = db.stats();
print(EJSON.stringify({
  version: db.version(),
  collections: db.getCollectionNames(),
  findOne: db.users.findOne({ _id: 'u1' }),
  count: db.users.countDocuments(),
  countActive: db.users.countDocuments({ status: 'active' }),
  groups: db.users.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray(),
  indexes: db.users.getIndexes().map(index => index.name),
  stats: { count: stats.count, size: stats.size, nindexes: stats.nindexes },
  dbStats: { objects: dbStats.objects, dataSize: dbStats.dataSize },
  storageSize: failure(() => db.users.storageSize()),
  explain: failure(() => db.users.find().explain()),
}, { relaxed: true }));
