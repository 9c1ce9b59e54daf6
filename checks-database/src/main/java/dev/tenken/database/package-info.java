/**
 * Security checks for databases and data services: the entry point {@link
 * dev.tenken.database.DatabaseChecks}, the service probes that recognise their protocols (Redis
 * RESP), and, in later releases, the checks for unauthenticated Redis, MongoDB, Memcached,
 * Elasticsearch/OpenSearch, CouchDB and MQTT brokers, default credentials and versions with known
 * vulnerabilities.
 */
@NullMarked
package dev.tenken.database;

import org.jspecify.annotations.NullMarked;
