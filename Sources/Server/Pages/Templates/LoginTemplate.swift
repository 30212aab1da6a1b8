extension PageTemplates {
    /// `GET /warehouse/login`: a browser cannot send a bearer header, so the key is typed once and kept in an
    /// HttpOnly cookie.
    static let login = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · dropgate</title>
        <style>{{> style}}</style>
        </head>
        <body class="login">
        <main>
        <h1>dropgate warehouse</h1>
        {{#problem}}<div class="problems" role="alert"><p>{{.}}</p></div>{{/problem}}
        <form method="post" action="/warehouse/login" enctype="application/x-www-form-urlencoded" id="login-form">
        <label>Warehouse key <input type="password" name="key" autocomplete="current-password" required autofocus size="40"></label><br>
        <label>DC <input type="text" name="dc" value="{{dc}}" size="8" autocapitalize="characters"></label>
        <input type="hidden" name="next" value="{{next}}">
        <button type="submit" class="primary">Sign in</button>
        </form>
        </main>
        </body>
        </html>

        """

    /// `GET /warehouse`: which DC's floor to open.
    static let chooser = """
        {{> head}}
        <h1>Distribution centers</h1>
        <ul class="nodes">
        {{#nodes}}<li><a class="button" href="/warehouse/{{id}}/picks">{{id}} · {{name}}</a>{{^enabled}} (switched off){{/enabled}}</li>
        {{/nodes}}
        </ul>
        </main>
        </body>
        </html>

        """
}
