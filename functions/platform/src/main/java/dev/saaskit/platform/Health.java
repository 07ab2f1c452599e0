package dev.saaskit.platform;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /health}: answers 200 when the function runs and the database answers one query. */
public final class Health implements Endpoint<Void, Health.Response> {

  public record Response(String status, String database) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    call.db().createQuery("select 1").mapTo(Integer.class).one();
    return Reply.ok(new Response("ok", "ok"));
  }
}
