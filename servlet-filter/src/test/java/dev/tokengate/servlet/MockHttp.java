package dev.tokengate.servlet;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mockito-backed request and response with real attribute storage and a captured body. */
final class MockHttp {

    final Map<String, Object> attributes = new HashMap<>();
    final List<String> authorization = new ArrayList<>();
    final HttpServletRequest request = mock(HttpServletRequest.class);
    final HttpServletResponse response = mock(HttpServletResponse.class);
    final ServletContext context = mock(ServletContext.class);
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = 200;
    String contentType;

    MockHttp(String method, String uri) throws Exception {
        lenient().when(request.getMethod()).thenReturn(method);
        lenient().when(request.getRequestURI()).thenReturn(uri);
        lenient().when(request.getDispatcherType()).thenReturn(DispatcherType.REQUEST);
        lenient().when(request.getServletContext()).thenReturn(context);
        lenient().when(context.getContextPath()).thenReturn("");
        lenient().when(request.getHeaders("Authorization")).thenAnswer(i -> Collections.enumeration(authorization));
        lenient().when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        lenient().doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(request).setAttribute(anyString(), org.mockito.ArgumentMatchers.any());
        lenient().doAnswer(i -> attributes.remove(i.<String>getArgument(0))).when(request).removeAttribute(anyString());
        lenient().doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        lenient().doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response).setHeader(anyString(), anyString());
        lenient().doAnswer(i -> contentType = i.getArgument(0)).when(response).setContentType(anyString());
        lenient().when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
    }

    static MockHttp get(String uri) throws Exception {
        return new MockHttp("GET", uri);
    }

    MockHttp bearer(String token) {
        authorization.add("Bearer " + token);
        return this;
    }

    MockHttp header(String value) {
        authorization.add(value);
        return this;
    }

    MockHttp query(String query) {
        lenient().when(request.getQueryString()).thenReturn(query);
        return this;
    }

    MockHttp dispatch(DispatcherType type) {
        lenient().when(request.getDispatcherType()).thenReturn(type);
        return this;
    }

    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
