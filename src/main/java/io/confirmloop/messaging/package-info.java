/**
 * Messages in and out: outbound SMS and email through Camel routes, the dev gateways, inbound
 * replies and their intent, opt-outs, templates, and the client log.
 */
package io.confirmloop.messaging;
