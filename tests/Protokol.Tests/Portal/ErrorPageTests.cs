using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Protokol.Tests.Portal;

public class ErrorPageTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    readonly HttpClient client = app.CreateClient();

    [Theory]
    [InlineData(500, "Der skete en fejl")]
    [InlineData(404, "Siden findes ikke")]
    [InlineData(400, "Forespørgslen kan ikke læses")]
    [InlineData(503, "Der skete en fejl")]
    public async Task The_error_page_answers_with_its_own_status(int code, string title)
    {
        var response = await client.GetAsync(new Uri($"/fejl/{code}", UriKind.Relative));
        Assert.Equal((HttpStatusCode)code, response.StatusCode);
        Assert.Contains($"<h1>{title}</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fejl/200")]
    [InlineData("/fejl/302")]
    [InlineData("/fejl/99")]
    [InlineData("/fejl/600")]
    public async Task Codes_that_are_no_error_have_no_error_page(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Siden findes ikke</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_form_to_nowhere_gets_the_Danish_404()
    {
        var response = await client.PostAsync(new Uri("/findes-ikke", UriKind.Relative), new FormUrlEncodedContent([new("q", "x")]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Siden findes ikke</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_page_keeps_status_500_and_shows_the_Danish_error()
    {
        using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new BrokenClock()))));
        var response = await failing.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Der skete en fejl</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("The clock is broken");
    }
}
