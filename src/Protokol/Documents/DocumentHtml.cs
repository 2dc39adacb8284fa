using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Protokol.Documents;

/// <summary>Renders the print HTML with the portal's Razor views, in a web request or on the command line alike.</summary>
public sealed class DocumentHtml(IRazorViewEngine views, ITempDataProvider tempData, IServiceProvider services)
{
    const string MeetingView = "/Documents/Print/MeetingDocument.cshtml";

    public Task<string> RenderAsync(PrintPage page) => RenderAsync(MeetingView, page);

    public async Task<string> RenderAsync<TModel>(string view, TModel model)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var action = new ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new ActionDescriptor());
        var found = views.GetView(executingFilePath: null, view, isMainPage: true);
        if (!found.Success) throw new InvalidOperationException($"the print view {view} is not compiled into the program");
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var data = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        await found.View.RenderAsync(new ViewContext(action, found.View, data, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions()));
        return writer.ToString();
    }
}
