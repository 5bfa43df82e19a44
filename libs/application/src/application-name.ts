// The name the API's pool gives its connections, so `ledger rebuild` can see an API using the same database.
export const API_APPLICATION_NAME = 'ledger api';
